import React from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import './index.scss'
import { playVoice } from 'record-compat-runtime'

// A large page; the only legacy call sits deep inside the JSX tree.
export default function Inbox({ messages, onOpen, onDelete }) {
  const unread = messages.filter((m) => !m.read).length
  return (
    <View className='inbox'>
      <View className='inbox__header'>
        <Text className='inbox__title'>Messages</Text>
        {unread > 0 && <Text className='inbox__badge'>{unread}</Text>}
      </View>
      <View className='inbox__list'>
        {messages.map((message) => (
          <View key={message.id} className={message.read ? 'item' : 'item item--unread'}>
            <Text onClick={() => onOpen(message)}>{message.title}</Text>
            {message.voice ? (
              <View className='item__voice'>
                <Button size='mini' onClick={() => playVoice({ filePath: message.voice })}>
                  Play
                </Button>
              </View>
            ) : null}
            <Button size='mini' type='warn' onClick={() => onDelete(message.id)}>
              Delete
            </Button>
          </View>
        ))}
      </View>
    </View>
  )
}
